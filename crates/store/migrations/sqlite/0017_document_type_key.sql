-- daihoi schema 17 (SQLite): document types become editable in the administration, and their
-- names unique without regard to case, diacritics or spacing ("Quyết định" and "QUYET DINH"
-- are one name). name_key holds the folded name (daihoi_domain::document::type_name_key);
-- folding needs Unicode tables SQL does not have, so the rows present here get a placeholder
-- key '#<id>' (unique, never a folded name) and Store::migrate computes the real keys right
-- after the migrations.
ALTER TABLE document_type ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE document_type SET name_key = '#' || id;
CREATE UNIQUE INDEX document_type_folded_name ON document_type (name_key);
