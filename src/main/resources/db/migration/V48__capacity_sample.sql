-- capacity history for the admin dashboard (issue 13): samples per minute, rolled up per hour and per day (the peak
-- of "used", the latest "total"); bounded by the retention of each resolution (capacity.CapacitySampler)
CREATE TABLE capacity_sample (
    scope VARCHAR(20) NOT NULL,
    scope_id VARCHAR(36) NOT NULL,
    metric VARCHAR(10) NOT NULL,
    resolution CHAR(1) NOT NULL,
    at DATETIME NOT NULL,
    used BIGINT NOT NULL,
    total BIGINT NOT NULL,
    PRIMARY KEY (scope, scope_id, metric, resolution, at),
    KEY idx_capacity_sample_age (resolution, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
