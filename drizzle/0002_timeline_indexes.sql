CREATE INDEX `events_meeting_time_idx` ON `events` (`meeting_uuid`,`event_ts`,`seq`);--> statement-breakpoint
CREATE INDEX `events_time_idx` ON `events` (`event_ts`,`seq`);