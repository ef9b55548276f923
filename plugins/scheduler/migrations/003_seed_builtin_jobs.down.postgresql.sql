-- scheduler v3 down (PostgreSQL): remove the built-in jobs; their schedules,
-- runs and locks are removed by ON DELETE CASCADE.

DELETE FROM jobs WHERE uuid IN (
    '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0001',
    '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0002',
    '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0003',
    '6f1f0c1e-3b7a-4d0e-9a51-0a2b7c1d0004'
);
