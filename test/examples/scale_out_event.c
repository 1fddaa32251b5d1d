/*
 * scale_out_event - what a gateway does when its queue runs deep: read the
 * group, add capacity within MaxSize, wait for the scaling activity, and
 * report the group afterwards. Typed calls only, no heap.
 *
 *   scale_out_event ENDPOINT CA_FILE GROUP_ID ADD
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
static tcas_as_groups groups;
static tcas_as_activities activities;
static char strings[8192];

static int fail(const char *what, int err, const tcas_result *r)
{
	fprintf(stderr, "%s: %s", what, tcas_strerror(err));
	if (err == TCAS_E_API || err == TCAS_E_PARAM)
		fprintf(stderr, " (%s %s)", r->error_code, r->error_message);
	fputc('\n', stderr);
	return 1;
}

static int read_group(const char *group, tcas_result *r)
{
	const char *ids[1];
	tcas_as_describe_req q;
	int err;

	memset(&q, 0, sizeof q);
	ids[0] = group;
	q.ids.v = ids, q.ids.n = 1;
	err = tcas_as_describe_auto_scaling_groups(&client, &q, &groups,
	                                           strings, sizeof strings, r);
	if (err)
		return fail("DescribeAutoScalingGroups", err, r);
	if (groups.count != 1)
		return fprintf(stderr, "no group %s\n", group), 1;
	printf("%s: desired %lld, in service %lld (min %lld, max %lld)\n",
	       group, (long long)groups.items[0].desired_capacity,
	       (long long)groups.items[0].in_service_instance_count,
	       (long long)groups.items[0].min_size,
	       (long long)groups.items[0].max_size);
	return 0;
}

/* Wait for the scaling activity; returns its final StatusCode or NULL. */
static const char *wait_activity(const char *id, tcas_result *r)
{
	const char *ids[1];
	tcas_as_describe_req q;
	int i, err;

	memset(&q, 0, sizeof q);
	ids[0] = id;
	q.ids.v = ids, q.ids.n = 1;
	for (i = 0; i < 60; i++) {
		const char *s;

		err = tcas_as_describe_auto_scaling_activities(
		    &client, &q, &activities, strings, sizeof strings, r);
		if (err || activities.count != 1)
			return fail("DescribeAutoScalingActivities", err, r),
			       NULL;
		s = activities.items[0].status_code;
		printf("  activity %s: %s\n", id, s ? s : "?");
		if (s && strcmp(s, "INIT") != 0 && strcmp(s, "RUNNING") != 0)
			return s;
		sleep(1);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static char id[64];
	tcas_as_scale_req out;
	tcas_as_id_resp ids;
	tcas_posix px;
	tcas_port port;
	tcas_result r;
	const char *status;
	long add, room;
	int err;

	if (argc != 5 || (add = strtol(argv[4], NULL, 10)) < 1) {
		fputs("usage: scale_out_event ENDPOINT CA_FILE GROUP_ID ADD\n",
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

	if (read_group(argv[3], &r))
		return 1;
	room =
	    (long)(groups.items[0].max_size - groups.items[0].desired_capacity);
	if (room <= 0)
		return printf("at MaxSize already: nothing to do\n"), 0;
	out.auto_scaling_group_id = argv[3];
	out.number = (uint64_t)(add < room ? add : room);
	err = tcas_as_scale_out_instances(&client, &out, &ids, strings,
	                                  sizeof strings, &r);
	if (err)
		return fail("ScaleOutInstances", err, &r);
	snprintf(id, sizeof id, "%s", ids.id);
	printf("scale out by %llu: activity %s\n",
	       (unsigned long long)out.number, id);
	status = wait_activity(id, &r);
	/* status points into strings, which the next call reuses */
	err = status == NULL || strcmp(status, "SUCCESSFUL") != 0;
	if (read_group(argv[3], &r))
		return 1;
	tcas_client_close(&client);
	return err;
}
