CREATE TABLE "login_throttle" (
	"username" text NOT NULL,
	"ip" text NOT NULL,
	"failures" integer NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"last_admitted" boolean NOT NULL,
	CONSTRAINT "login_throttle_username_ip_pk" PRIMARY KEY("username","ip")
);
--> statement-breakpoint
CREATE INDEX "login_throttle_updated_idx" ON "login_throttle" USING btree ("updated_at");