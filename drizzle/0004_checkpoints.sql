CREATE TABLE `checkpoints` (
	`meeting_uuid` text NOT NULL,
	`at` integer NOT NULL,
	`from_at` integer,
	`points` text NOT NULL,
	`state` blob NOT NULL,
	PRIMARY KEY(`meeting_uuid`, `at`)
);
