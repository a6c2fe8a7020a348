-- daihoi schema 6 (SQLite): "online" counted once across instances.

-- Each instance reports, with its count, the HyperLogLog sketch of its last-5-minutes visitor
-- ids (4096 one-byte registers, daihoi_domain::hll). NULL: a report from before schema 6.
ALTER TABLE instance_presence ADD COLUMN sketch BLOB;
