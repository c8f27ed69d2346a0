CREATE TABLE `alert_snoozes` (
	`meeting_uuid` text NOT NULL,
	`kind` text NOT NULL,
	`until` integer,
	`by` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`meeting_uuid`, `kind`)
);
--> statement-breakpoint
ALTER TABLE `alert_transitions` ADD `note` text;--> statement-breakpoint
ALTER TABLE `alert_transitions` ADD `until` integer;--> statement-breakpoint
ALTER TABLE `alerts` ADD `acknowledged_note` text;