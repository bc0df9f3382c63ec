-- Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d).
-- One database per process that keeps state, as on every other way of running the system: each service owns
-- its data and reaches no other service's tables. Migrations (Prisma) run in each service's own container.
CREATE DATABASE cabs_broker;
CREATE DATABASE cabs_transit;
CREATE DATABASE cabs_drivers;
CREATE DATABASE cabs_fees;
CREATE DATABASE cabs_invoicing;
CREATE DATABASE cabs_notifications;
