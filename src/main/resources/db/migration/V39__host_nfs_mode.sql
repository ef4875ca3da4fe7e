-- Issue 12: how a host can reach NFS primary storage, found at connect: network (qemu's libnfs client and the libnfs
-- program Nubis runs), mount (a kernel NFS client), both ("network+mount") or none.
ALTER TABLE host ADD COLUMN nfs_mode VARCHAR(16) NULL AFTER vlan_supported;
