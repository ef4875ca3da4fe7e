-- Folders on a backup storage from which admins may import images by path (issue 6): one absolute path per line.
-- NULL (the default) means none: path imports are refused until an admin names a folder.
ALTER TABLE backup_storage ADD COLUMN import_folders VARCHAR(2000) NULL;
