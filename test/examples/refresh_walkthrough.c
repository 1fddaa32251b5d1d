/*
 * refresh_walkthrough - an instance refresh with the typed C API of tcas:
 * start a rolling refresh of a group, follow its batches until it settles,
 * resume it (retrying failed instances) when a batch failed, and print
 * what happened. Everything is static or on the stack: no heap.
 *
 *   refresh_walkthrough ENDPOINT CA_FILE GROUP_ID
 *
 * Credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY.
 * `make check` runs it against tcas-emu.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcas/as.h"
#include "tcas/port_posix.h"
#include "tcas/trust.h"

static tcas_client client;
static tcas_trust_store trust;
static tcas_as_refresh_activities acts;
static char strings[16384];

static int fail(const char *what, int err, const tcas_result *r)
{
	fprintf(stderr, "%s: %s", what, tcas_strerror(err));
	if (err == TCAS_E_API || err == TCAS_E_PARAM)
		fprintf(stderr, " (%s %s)", r->error_code, r->error_message);
	fputc('\n', stderr);
	return 1;
}

/* Poll until the activity leaves INIT/RUNNING; returns its status. */
static const char *follow(const char *group, const char *id, tcas_result *r)
{
	const char *ids[1];
	tcas_as_describe_req q;
	int err;

	memset(&q, 0, sizeof q);
	ids[0] = id;
	q.ids.v = ids, q.ids.n = 1;
	for (;;) {
		const tcas_as_refresh_activity *a;
		size_t b, done = 0, failed = 0, total = 0;

		err = tcas_as_describe_refresh_activities(
		    &client, &q, &acts, strings, sizeof strings, r);
		if (err || acts.count != 1 ||
		    strcmp(acts.items[0].auto_scaling_group_id, group) != 0)
			return fail("DescribeRefreshActivities", err, r), NULL;
		a = &acts.items[0];
		for (b = 0; b < a->batch_count; b++) {
			size_t i;

			for (i = 0; i < a->batches[b].instance_count; i++) {
				const char *s =
				    a->batches[b].instances[i].instance_status;

				total++;
				done += s && strcmp(s, "SUCCESSFUL") == 0;
				failed += s && strcmp(s, "FAILED") == 0;
			}
		}
		printf("  %s %s: %zu batches, %zu/%zu instances done, %zu "
		       "failed\n",
		       a->refresh_activity_id, a->status, a->batch_count, done,
		       total, failed);
		if (strcmp(a->status, "INIT") != 0 &&
		    strcmp(a->status, "RUNNING") != 0)
			return a->status;
		sleep(1);
	}
}

int main(int argc, char **argv)
{
	static char id[64];
	tcas_as_start_instance_refresh_req start;
	tcas_as_refresh_ref_req resume;
	tcas_as_id_resp ids;
	tcas_posix px;
	tcas_port port;
	tcas_result r;
	const char *status;
	int err;

	if (argc != 4) {
		fputs("usage: refresh_walkthrough ENDPOINT CA_FILE GROUP_ID\n",
		      stderr);
		return 2;
	}
	tcas_posix_init(&px, &port);
	tcas_client_init(&client, &port);
	tcas_trust_store_init(&trust);
	if (tcas_client_set_endpoint(&client, argv[1]) ||
	    tcas_posix_load_ca_file(&trust.t, argv[2]))
		return fputs("bad endpoint or CA file\n", stderr), 2;
	tcas_client_set_trust(&client, trust.t.ta, trust.t.count);
	tcas_client_set_credentials(&client, getenv("TENCENTCLOUD_SECRET_ID"),
	                            getenv("TENCENTCLOUD_SECRET_KEY"), NULL);
	tcas_client_set_region(&client, "ap-guangzhou");

	memset(&start, 0, sizeof start);
	start.auto_scaling_group_id = argv[3];
	start.refresh_settings.rolling_update_settings.batch_number = 2;
	start.refresh_settings.rolling_update_settings.fail_process =
	    "AUTO_PAUSE";
	err = tcas_as_start_instance_refresh(&client, &start, &ids, strings,
	                                     sizeof strings, &r);
	if (err)
		return fail("StartInstanceRefresh", err, &r);
	snprintf(id, sizeof id, "%s", ids.id); /* strings is reused below */
	printf("started %s on %s\n", id, argv[3]);

	status = follow(argv[3], id, &r);
	if (status && strcmp(status, "FAILED_PAUSE") == 0) {
		puts("a batch failed: resuming, retrying the failed instances");
		resume.auto_scaling_group_id = argv[3];
		resume.refresh_activity_id = id;
		resume.resume_mode = "RETRY";
		err = tcas_as_resume_instance_refresh(
		    &client, &resume, &ids, strings, sizeof strings, &r);
		if (err)
			return fail("ResumeInstanceRefresh", err, &r);
		status = follow(argv[3], id, &r);
	}
	tcas_client_close(&client);
	if (status == NULL)
		return 1;
	printf("refresh %s finished: %s\n", id, status);
	return strcmp(status, "SUCCESSFUL") == 0 ? 0 : 1;
}
