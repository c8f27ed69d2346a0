CREATE TABLE `alert_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer NOT NULL,
	`meeting_uuid` text NOT NULL,
	`transition` text NOT NULL,
	`at` integer NOT NULL,
	`by` text,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alert_transitions_meeting_idx` ON `alert_transitions` (`meeting_uuid`,`at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_uuid` text NOT NULL,
	`account_id` text,
	`meeting_topic` text,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`subject` text NOT NULL,
	`details` text NOT NULL,
	`status` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`count` integer NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`resolved_at` integer,
	`resolved_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_active_idx` ON `alerts` (`meeting_uuid`,`kind`,`subject`) WHERE "alerts"."status" != 'resolved';--> statement-breakpoint
CREATE INDEX `alerts_status_idx` ON `alerts` (`status`,`last_seen_at`);--> statement-breakpoint
CREATE INDEX `alerts_meeting_idx` ON `alerts` (`meeting_uuid`,`last_seen_at`);