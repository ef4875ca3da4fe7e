-- Snapshots in the order they were asked for (issue 8): created_at alone cannot tell two snapshots of one second apart
-- (the timestamps Nubis writes keep whole seconds), so siblings in a volume's tree are ordered by this sequence.
ALTER TABLE volume_snapshot ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE;
