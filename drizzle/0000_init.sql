CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`event` text NOT NULL,
	`event_ts` integer,
	`meeting_uuid` text,
	`account_id` text,
	`dedup_key` text NOT NULL,
	`kind` text NOT NULL,
	`raw` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_dedup_key_unique` ON `events` (`dedup_key`);--> statement-breakpoint
CREATE INDEX `events_meeting_idx` ON `events` (`meeting_uuid`,`seq`);--> statement-breakpoint
CREATE INDEX `events_event_idx` ON `events` (`event`,`seq`);--> statement-breakpoint
CREATE INDEX `events_received_idx` ON `events` (`received_at`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`uuid` text PRIMARY KEY NOT NULL,
	`account_id` text,
	`status` text NOT NULL,
	`last_event_ts` integer NOT NULL,
	`record` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `meetings_status_idx` ON `meetings` (`status`);--> statement-breakpoint
CREATE TABLE `participants` (
	`meeting_uuid` text NOT NULL,
	`key` text NOT NULL,
	`present` integer NOT NULL,
	`record` text NOT NULL,
	PRIMARY KEY(`meeting_uuid`, `key`)
);
--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`event` text,
	`reason` text NOT NULL,
	`dedup_key` text NOT NULL,
	`body` blob NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quarantine_dedup_key_unique` ON `quarantine` (`dedup_key`);--> statement-breakpoint
CREATE INDEX `quarantine_received_idx` ON `quarantine` (`received_at`);--> statement-breakpoint
CREATE TABLE `shares` (
	`meeting_uuid` text NOT NULL,
	`id` text NOT NULL,
	`record` text NOT NULL,
	PRIMARY KEY(`meeting_uuid`, `id`)
);
