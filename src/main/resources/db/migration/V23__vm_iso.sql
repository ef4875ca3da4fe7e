-- ISO images in VMs' CD-ROM drives (issue 8): the ISO a VM booted from or had inserted since, until it is ejected.
-- An image in a drive cannot be deleted (the vm feature's ImageUsage asks this column).
ALTER TABLE vm_instance
    ADD COLUMN iso_image_id CHAR(36) NULL AFTER image_id,
    ADD KEY idx_vm_instance_iso (iso_image_id);
