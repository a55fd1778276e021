-- An output type may name the material parts without an assignment are rendered with: a material library name
-- (materials.name or one of its aliases, checked when the output type is saved). Null: the render worker's neutral
-- default. dispatch-service resolves the name to the library's definition and sends it on every render job.
ALTER TABLE output_types ADD COLUMN default_material TEXT;
