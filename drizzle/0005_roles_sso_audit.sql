CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text,
	`action` text NOT NULL,
	`target` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit` (`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit` (`actor`,`at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit` (`action`,`at`);--> statement-breakpoint
ALTER TABLE `users` ADD `role` text DEFAULT 'viewer' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `sso_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_sso_subject_unique` ON `users` (`sso_subject`);--> statement-breakpoint
-- users from before roles: those who saw every account could do everything (admins), the others
-- could acknowledge alerts in their accounts (operators)
UPDATE `users` SET `role` = CASE WHEN `account_ids` IS NULL THEN 'admin' ELSE 'operator' END;
