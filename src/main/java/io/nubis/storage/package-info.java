/**
 * Storage: backup storage (image stores), images and their import pipeline, local primary storage with per-host
 * capacity, the per-host image cache and volumes. Services own transactions and rules; workflows carry out the changes
 * that touch machines; {@code api/} and {@code web/} are thin. Depends on platform, iam, job, driver and compute (hosts
 * and clusters). docs/storage.md describes the model.
 */
package io.nubis.storage;
