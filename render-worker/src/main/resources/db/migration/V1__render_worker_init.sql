-- render worker: initial schema. Tables live in the "render_worker" schema, owned by the "render_worker" role.
CREATE TABLE service_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO service_info (key, value) VALUES ('service', 'render-worker');
