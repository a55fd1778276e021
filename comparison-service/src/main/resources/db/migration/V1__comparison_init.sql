-- comparison service: initial schema. Tables live in the "comparison" schema, owned by the "comparison" role.
CREATE TABLE service_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO service_info (key, value) VALUES ('service', 'comparison-service');
