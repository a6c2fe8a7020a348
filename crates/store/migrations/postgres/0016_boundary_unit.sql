-- daihoi schema 16 (PostgreSQL): the units of the boundary map, each drawn from its rings and
-- linked to the organization of the congress workspace it stands for (`daihoi import
-- boundaries`, decision 0016). An import replaces every row at once. `rings` is the unit's
-- rings as JSON, [[[lon, lat], …], …] (WGS 84).
CREATE TABLE boundary_unit (
    id              BIGSERIAL PRIMARY KEY,
    position        BIGINT  NOT NULL CHECK (position >= 1),
    name            TEXT    NOT NULL,
    code            TEXT    NOT NULL DEFAULT '',
    organization_id BIGINT  REFERENCES organization (id),
    rings           TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    UNIQUE (position)
);
CREATE INDEX boundary_unit_organization ON boundary_unit (organization_id);
