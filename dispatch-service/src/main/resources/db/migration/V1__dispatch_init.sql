-- dispatch service: initial schema. Tables live in the "dispatch" schema, owned by the "dispatch" role.
CREATE TABLE service_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO service_info (key, value) VALUES ('service', 'dispatch-service');
