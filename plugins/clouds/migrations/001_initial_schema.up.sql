-- clouds v1: initial schema.
-- Registered OpenStack clouds, their regions, service catalog endpoints and
-- references to credentials stored in the secret store (Barbican). No secret
-- material is ever stored in this database, only references to it.

CREATE TABLE clouds (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    uuid           CHAR(36)        NOT NULL,
    name           VARCHAR(255)    NOT NULL,
    description    TEXT            NULL,
    auth_url       VARCHAR(512)    NOT NULL COMMENT 'Keystone v3 endpoint used for authentication',
    default_region VARCHAR(255)    NULL DEFAULT NULL,
    status         ENUM('pending','active','degraded','offline','deleted') NOT NULL DEFAULT 'pending',
    created_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    deleted_at     DATETIME        NULL DEFAULT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_clouds_uuid (uuid),
    UNIQUE KEY uq_clouds_name (name),
    KEY idx_clouds_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE regions (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    cloud_id    BIGINT UNSIGNED NOT NULL,
    name        VARCHAR(255)    NOT NULL,
    description VARCHAR(1024)   NULL DEFAULT NULL,
    created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_regions_cloud_name (cloud_id, name),
    CONSTRAINT fk_regions_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE endpoints (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    cloud_id     BIGINT UNSIGNED NOT NULL,
    region_id    BIGINT UNSIGNED NULL DEFAULT NULL,
    service_type VARCHAR(64)     NOT NULL,
    interface    ENUM('public','internal','admin') NOT NULL DEFAULT 'public',
    url          VARCHAR(1024)   NOT NULL,
    created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    KEY idx_endpoints_cloud_service (cloud_id, service_type),
    KEY idx_endpoints_region (region_id),
    CONSTRAINT fk_endpoints_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE,
    CONSTRAINT fk_endpoints_region FOREIGN KEY (region_id)
        REFERENCES regions (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cloud_credentials (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    cloud_id     BIGINT UNSIGNED NOT NULL,
    auth_type    VARCHAR(32)     NOT NULL DEFAULT 'password',
    secret_ref   VARCHAR(255)    NOT NULL COMMENT 'Barbican secret reference, never the secret itself',
    username     VARCHAR(255)    NULL DEFAULT NULL,
    project_name VARCHAR(255)    NULL DEFAULT NULL,
    user_domain  VARCHAR(255)    NOT NULL DEFAULT 'Default',
    created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
    rotated_at   DATETIME        NULL DEFAULT NULL,
    PRIMARY KEY (id),
    KEY idx_cloud_credentials_cloud (cloud_id),
    CONSTRAINT fk_cloud_credentials_cloud FOREIGN KEY (cloud_id)
        REFERENCES clouds (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
