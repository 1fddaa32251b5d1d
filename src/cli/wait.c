/* tcas wait <waiter>: poll until a refresh activity, a scaling activity or
 * a group's capacity settles; contract in cli.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tcas/client.h"
#include "tcas/error.h"
#include "tcas/json.h"
#include "tcas/jsonw.h"
#include "cli.h"

#if TCAS_CLI_WITH_WAIT

typedef struct progress {
	char status[32];
	int batches, batch, ins, done, failed;
} progress;

typedef struct waiter {
	const char *name;
	const char *action;
	const char *id_param;   /* the id to wait for */
	const char *need_group; /* also required: AutoScalingGroupId */
} waiter;

static const waiter waiters[] = {
    {"refresh-finished", "DescribeRefreshActivities", "RefreshActivityId",
     "AutoScalingGroupId"},
    {"activity-finished", "DescribeAutoScalingActivities", "ActivityId", NULL},
    {"capacity-reached", "DescribeAutoScalingGroups", "AutoScalingGroupId",
     NULL},
};

static const struct {
	const char *status;
	int code;
} outcomes[] = {
    {"SUCCESSFUL", 0},
    {"FAILED_PAUSE", TCAS_EXIT_WAIT_FAILED_PAUSE},
    {"AUTO_PAUSE", TCAS_EXIT_WAIT_AUTO_PAUSE},
    {"MANUAL_PAUSE", TCAS_EXIT_WAIT_MANUAL_PAUSE},
    {"CANCELLED", TCAS_EXIT_WAIT_CANCELLED},
    {"FAILED", TCAS_EXIT_WAIT_FAILED},
    {"PARTIALLY_SUCCESSFUL", TCAS_EXIT_WAIT_PARTIAL},
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int outcome(const char *status)
{
	size_t i;

	for (i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
		if (strcmp(status, outcomes[i].status) == 0)
			return outcomes[i].code;
	return -1; /* not settled */
}

static int str_at(const tcas_json *d, int from, const char *path, char *out,
                  size_t cap)
{
	int t;

	out[0] = 0;
	if (tcas_json_find(d, from, path, &t) ||
	    tcas_json_get_string(d, t, out, cap, NULL)) {
		out[0] = 0;
		return -1;
	}
	tcas_cli_clean(out); /* server text: printed in progress lines */
	return 0;
}

static long int_at(const tcas_json *d, int from, const char *path)
{
	int64_t v;
	int t;

	if (tcas_json_find(d, from, path, &t) || tcas_json_get_int64(d, t, &v))
		return -1;
	return (long)v;
}

static int is_final_batch(const tcas_json *d, int b)
{
	char s[32];

	str_at(d, b, "RefreshBatchStatus", s, sizeof s);
	return strcmp(s, "SUCCESSFUL") == 0 ||
	       strcmp(s, "PARTIALLY_SUCCESSFUL") == 0 ||
	       strcmp(s, "FAILED") == 0 || strcmp(s, "CANCELLED") == 0;
}

static void refresh_progress(const tcas_json *d, int act, progress *p)
{
	int set, b, i, in;
	long cur;
	char s[32];

	str_at(d, act, "Status", p->status, sizeof p->status);
	if (tcas_json_member(d, act, "RefreshBatchSet", &set))
		return;
	for (b = tcas_json_first(d, set); b >= 0; b = tcas_json_next(d, b)) {
		p->batches++;
		p->batch += is_final_batch(d, b);
		if (tcas_json_member(d, b, "RefreshBatchRelatedInstanceSet",
		                     &in))
			continue;
		for (i = tcas_json_first(d, in); i >= 0;
		     i = tcas_json_next(d, i)) {
			p->ins++;
			str_at(d, i, "InstanceStatus", s, sizeof s);
			p->done += strcmp(s, "SUCCESSFUL") == 0;
			p->failed += strcmp(s, "FAILED") == 0;
		}
	}
	if (p->batch < p->batches && outcome(p->status) != 0)
		p->batch++; /* the batch in flight */
	/* The service's own number when it gives one: a FAILED or CANCELLED
	 * activity's CANCELLED batches did not run. */
	cur = int_at(d, act, "CurrentRefreshBatchNum");
	if (cur > 0 && cur <= p->batches)
		p->batch = (int)cur;
}

static void format_line(const waiter *w, const char *id, const progress *p,
                        char *line, size_t cap)
{
	if (w == &waiters[0])
		tcas_cli_snprintf(line, cap,
		                  "%s %s: batch %d/%d, %d/%d instances done, "
		                  "%d failed",
		                  id, p->status, p->batch, p->batches, p->done,
		                  p->ins, p->failed);
	else if (w == &waiters[1])
		tcas_cli_snprintf(line, cap, "%s %s", id, p->status);
	else
		tcas_cli_snprintf(line, cap,
		                  "%s: %d/%d instances in service (%s)", id,
		                  p->done, p->ins, p->status);
}

/* The answer is about `id` (a service that ignored the ID list must not
 * make the waiter report on something else); says so when it is not. */
static int same_id(const waiter *w, const tcas_json *d, int t, const char *id)
{
	char got[64];

	str_at(d, t,
	       w == &waiters[0]   ? "RefreshActivityId"
	       : w == &waiters[1] ? "ActivityId"
	                          : "AutoScalingGroupId",
	       got, sizeof got);
	if (strcmp(got, id) == 0)
		return 1;
	tcas_cli_fprintf(stderr,
	                 "tcas wait: %s not found (the answer is about '%s')\n",
	                 id, got);
	return 0;
}

/* One poll: fills p; returns 0, or an exit code (> 0). */
static int poll_once(const waiter *w, const char *id, const char *group,
                     double deadline, progress *p)
{
	static char body[512];
	tcas_result r;
	tcas_jw jw;
	size_t len;
	int t, err;

	tcas_jw_init(&jw, body, sizeof body);
	tcas_jw_obj_begin(&jw);
	tcas_jw_key(&jw, w == &waiters[0]   ? "RefreshActivityIds"
	                 : w == &waiters[1] ? "ActivityIds"
	                                    : "AutoScalingGroupIds");
	tcas_jw_arr_begin(&jw);
	tcas_jw_str(&jw, id);
	tcas_jw_arr_end(&jw);
	tcas_jw_obj_end(&jw);
	if (tcas_jw_finish(&jw, &len)) {
		fputs("tcas wait: id too long\n", stderr);
		return TCAS_EXIT_USAGE;
	}
	err = tcas_cli_call_raw(w->action, body, len, &r);
	if (err && now_s() >= deadline - 0.05)
		return TCAS_EXIT_WAIT_TIMEOUT; /* the wait's time is up */
	if (err)
		return tcas_cli_report(err, &r);
	memset(p, 0, sizeof *p);
	err = tcas_json_find(&r.doc, r.response,
	                     w == &waiters[0]   ? "RefreshActivitySet[0]"
	                     : w == &waiters[1] ? "ActivitySet[0]"
	                                        : "AutoScalingGroupSet[0]",
	                     &t);
	if (err) {
		tcas_cli_fprintf(stderr, "tcas wait: %s not found\n", id);
		return TCAS_EXIT_WAIT_NOT_FOUND;
	}
	if (!same_id(w, &r.doc, t, id))
		return TCAS_EXIT_WAIT_NOT_FOUND;
	if (w == &waiters[0]) {
		char g[64];

		str_at(&r.doc, t, "AutoScalingGroupId", g, sizeof g);
		if (group && strcmp(g, group) != 0) {
			tcas_cli_fprintf(stderr,
			                 "tcas wait: %s belongs to group %s, "
			                 "not %s\n",
			                 id, g, group);
			return TCAS_EXIT_WAIT_NOT_FOUND;
		}
		refresh_progress(&r.doc, t, p);
	} else if (w == &waiters[1]) {
		str_at(&r.doc, t, "StatusCode", p->status, sizeof p->status);
	} else {
		long want = int_at(&r.doc, t, "DesiredCapacity");
		long have = int_at(&r.doc, t, "InstanceCount");
		char act[32];

		str_at(&r.doc, t, "InActivityStatus", act, sizeof act);
		p->ins = (int)want, p->done = (int)have;
		tcas_cli_snprintf(p->status, sizeof p->status, "%s", act);
		if (want == have && strcmp(act, "IN_ACTIVITY") != 0)
			tcas_cli_snprintf(p->status, sizeof p->status,
			                  "SUCCESSFUL");
	}
	return 0;
}

static const waiter *find_waiter(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof waiters / sizeof waiters[0]; i++)
		if (strcmp(waiters[i].name, name) == 0)
			return &waiters[i];
	return NULL;
}

static int wait_args(const waiter *w, int argc, char **argv, const char **id,
                     const char **group)
{
	int i;

	*id = *group = NULL;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (i + 1 >= argc || a[0] != '-' || a[1] != '-') {
			tcas_cli_fprintf(stderr,
			                 "tcas wait %s: unexpected argument "
			                 "'%s'\n",
			                 w->name, a);
			return TCAS_EXIT_USAGE;
		}
		if (strcmp(a + 2, w->id_param) == 0)
			*id = argv[++i];
		else if (w->need_group && strcmp(a + 2, w->need_group) == 0)
			*group = argv[++i];
		else {
			tcas_cli_fprintf(stderr,
			                 "tcas wait %s: unknown parameter %s\n",
			                 w->name, a);
			return TCAS_EXIT_USAGE;
		}
	}
	if (*id == NULL || (w->need_group && *group == NULL)) {
		tcas_cli_fprintf(stderr, "tcas wait %s: needs --%s%s%s\n",
		                 w->name,
		                 w->need_group ? w->need_group : w->id_param,
		                 w->need_group ? " and --" : "",
		                 w->need_group ? w->id_param : "");
		return TCAS_EXIT_USAGE;
	}
	return 0;
}

static void show(const char *line, int tty, int final)
{
	if (tty)
		tcas_cli_fprintf(stderr, "\r\033[K%s%s", line,
		                 final ? "\n" : "");
	else
		tcas_cli_fprintf(stderr, "%s\n", line);
	fflush(stderr);
}

/* Sleep s seconds (fractions too). */
static void nap(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0)
		;
}

static int timed_out(const char *status, long timeout_s, int tty)
{
	if (tty)
		fputc('\n', stderr);
	tcas_cli_fprintf(stderr, "tcas wait: still %s after %ld s\n",
	                 *status ? status : "unknown", timeout_s);
	return TCAS_EXIT_WAIT_TIMEOUT;
}

int tcas_cli_wait_for(const char *name, const char *id, const char *group,
                      long timeout_s, long interval_s, int quiet)
{
	static char line[256], last[256];
	const waiter *w = find_waiter(name);
	int tty = isatty(2), err, code;
	double deadline = now_s() + (double)timeout_s, left;
	uint32_t call_ms = tcas_cli_call_timeout_of();
	progress p;

	if (w == NULL)
		return TCAS_EXIT_USAGE;
	last[0] = 0;
	memset(&p, 0, sizeof p);
	for (;;) {
		/* Each poll within what is left of the wait. */
		left = deadline - now_s();
		if (left < 0.05)
			return timed_out(p.status, timeout_s, tty);
		tcas_cli_call_timeout(
		    left * 1000 < call_ms ? (uint32_t)(left * 1000) : call_ms);
		err = poll_once(w, id, group, deadline, &p);
		if (err == TCAS_EXIT_WAIT_TIMEOUT)
			return timed_out(p.status, timeout_s, tty);
		if (err) {
			if (tty && last[0])
				fputc('\n', stderr);
			return err;
		}
		format_line(w, id, &p, line, sizeof line);
		code = outcome(p.status);
		if (strcmp(line, last) != 0 || code >= 0)
			show(line, tty, code >= 0);
		memcpy(last, line, sizeof line);
		if (code >= 0) {
			/* --wait keeps stdout for the call's own output */
			tcas_cli_fprintf(quiet ? stderr : stdout, "%s%s\n",
			                 quiet ? "tcas wait: " : "", p.status);
			return code;
		}
		left = deadline - now_s();
		nap(left < (double)interval_s ? left : (double)interval_s);
	}
}

int tcas_cli_wait(tcas_cli_opts *o, int argc, char **argv, long timeout_s,
                  long interval_s)
{
	const waiter *w;
	const char *id, *group;
	int err;

	if (argc < 1 || (w = find_waiter(argv[0])) == NULL) {
		const char *hint =
		    argc ? tcas_cli_closest(argv[0], waiters,
		                            sizeof waiters / sizeof waiters[0],
		                            sizeof waiters[0])
		         : NULL;

		tcas_cli_fprintf(
		    stderr,
		    "tcas wait: expected a waiter: refresh-finished, "
		    "activity-finished or capacity-reached%s%s%s%s%s"
		    "\n",
		    argc ? ", not " : "", argc ? argv[0] : "",
		    hint ? "; did you mean " : "", hint ? hint : "",
		    hint ? "?" : "");
		return TCAS_EXIT_USAGE;
	}
	err = wait_args(w, argc - 1, argv + 1, &id, &group);
	if (err)
		return err;
	err = tcas_cli_setup(o);
	if (err)
		return err;
	return tcas_cli_wait_for(w->name, id, group, timeout_s, interval_s, 0);
}

#else /* !TCAS_CLI_WITH_WAIT: refused (--wait: in main.c's run()) */

int tcas_cli_wait(tcas_cli_opts *o, int argc, char **argv, long timeout_s,
                  long interval_s)
{
	(void)o, (void)argc, (void)argv, (void)timeout_s, (void)interval_s;
	return tcas_cli_without("wait", "waiters", "TCAS_CLI_WITH_WAIT");
}

#endif /* TCAS_CLI_WITH_WAIT */
