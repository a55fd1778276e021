-- workflow registry: initial schema. Tables live in the "registry" schema, owned by the "registry" role.
CREATE TABLE service_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO service_info (key, value) VALUES ('service', 'workflow-registry');
