CREATE TRIGGER trg_items_audit AFTER INSERT ON items FOR EACH ROW
INSERT INTO audit (id, item_id, what) VALUES (NEW.id, NEW.id, 'insert');
