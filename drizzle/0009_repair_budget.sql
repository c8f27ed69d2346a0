CREATE TABLE `repair_budget` (
	`account_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`calls` integer NOT NULL
);
