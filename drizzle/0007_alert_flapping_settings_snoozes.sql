CREATE TABLE `alert_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
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
ALTER TABLE `alerts` ADD `acknowledged_note` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `flapping` integer DEFAULT false NOT NULL;