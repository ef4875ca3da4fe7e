-- Issue 10 (first piece): whether a host's kernel can make 802.1Q VLAN interfaces, found when it connects (NULL: not
-- probed yet). This machine's test hosts cannot (docs/networking.md).
ALTER TABLE host ADD COLUMN vlan_supported BOOLEAN NULL AFTER os_version;
