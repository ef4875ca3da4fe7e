-- Data volumes (issue 8): a volume of type 'Data' may come from a disk offering, and while it is attached to a VM it
-- holds its device index there (1..8: vdb..vdi), unique per VM so two disks never share a device.
ALTER TABLE volume
    ADD COLUMN description      VARCHAR(255) NULL AFTER name,
    ADD COLUMN disk_offering_id CHAR(36)     NULL AFTER image_id,
    ADD COLUMN device_index     INT          NULL AFTER vm_id,
    ADD UNIQUE KEY uk_volume_vm_device (vm_id, device_index),
    ADD KEY idx_volume_disk_offering (disk_offering_id);
