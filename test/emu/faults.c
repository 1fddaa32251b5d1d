/*
 * faults.c - fault injection rules: "ACTION MODE[=ARG] [count=N] [after=N]".
 * A rule counts every request whose X-TC-Action matches (ACTION or "*"),
 * lets the first `after` of them pass, then fires for the next `count`
 * (0 or absent = no limit). The first rule that fires decides the fault.
 * throttle=N starts a burst: that request and the next N-1 matching ones
 * get RequestLimitExceeded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srv.h"

static const struct {
	const char *name;
	int mode;
	int arg; /* 0 none, 1 required, 2 optional */
} modes[] = {
    {"slow", EMU_F_SLOW, 1},
    {"reset-before", EMU_F_RESET_BEFORE, 0},
    {"reset-after", EMU_F_RESET_AFTER, 0},
    {"truncate", EMU_F_TRUNCATE, 0},
    {"malformed", EMU_F_MALFORMED, 0},
    {"http5xx", EMU_F_HTTP5XX, 2},
    {"internal", EMU_F_INTERNAL, 0},
    {"throttle", EMU_F_THROTTLE, 1},
    {"hang", EMU_F_HANG, 0},
};

const char *emu_fault_name(int mode)
{
	size_t i;

	for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (modes[i].mode == mode)
			return modes[i].name;
	return "none";
}

static int parse_num(const char *s, long *out)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 100000000L)
		return -1;
	*out = v;
	return 0;
}

static int parse_mode(emu_fault_rule *r, char *tok, char *err, size_t el)
{
	char *eq = strchr(tok, '=');
	size_t i;

	if (eq)
		*eq = '\0';
	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		if (strcmp(tok, modes[i].name) != 0)
			continue;
		r->mode = modes[i].mode;
		if (eq == NULL && modes[i].arg == 1) {
			snprintf(err, el, "fault `%s` needs =N", tok);
			return -1;
		}
		if (eq != NULL && modes[i].arg == 0) {
			snprintf(err, el, "fault `%s` takes no value", tok);
			return -1;
		}
		if (eq != NULL && parse_num(eq + 1, &r->arg) != 0) {
			snprintf(err, el, "fault `%s`: bad number `%s`", tok,
			         eq + 1);
			return -1;
		}
		if (r->mode == EMU_F_HTTP5XX) {
			if (eq == NULL)
				r->arg = 503;
			else if (r->arg < 500 || r->arg > 599) {
				snprintf(err, el, "http5xx=N needs 500..599");
				return -1;
			}
		}
		if (r->mode == EMU_F_THROTTLE && r->arg < 1) {
			snprintf(err, el, "throttle=N needs N >= 1");
			return -1;
		}
		return 0;
	}
	snprintf(err, el,
	         "unknown fault `%s` (slow=MS reset-before reset-after "
	         "truncate malformed http5xx[=5xx] internal throttle=N hang)",
	         tok);
	return -1;
}

int emu_fault_add(emu_faults *f, const char *spec, int with_action, int line,
                  char *err, size_t errlen)
{
	emu_fault_rule r;
	char buf[512], *save = NULL, *tok;
	int have_mode = 0;

	memset(&r, 0, sizeof r);
	r.line = line;
	if (strlen(spec) >= sizeof buf) {
		snprintf(err, errlen, "rule too long");
		return -1;
	}
	strcpy(buf, spec);
	strcpy(r.action, "*");
	tok = strtok_r(buf, " \t\r\n", &save);
	if (with_action) {
		if (tok == NULL || strlen(tok) >= sizeof r.action) {
			snprintf(err, errlen, "expected ACTION MODE");
			return -1;
		}
		strcpy(r.action, tok);
		tok = strtok_r(NULL, " \t\r\n", &save);
	}
	for (; tok != NULL; tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (strncmp(tok, "count=", 6) == 0) {
			if (parse_num(tok + 6, &r.count) != 0) {
				snprintf(err, errlen, "bad count `%s`",
				         tok + 6);
				return -1;
			}
		} else if (strncmp(tok, "after=", 6) == 0) {
			if (parse_num(tok + 6, &r.after) != 0) {
				snprintf(err, errlen, "bad after `%s`",
				         tok + 6);
				return -1;
			}
		} else if (!have_mode) {
			if (parse_mode(&r, tok, err, errlen) != 0)
				return -1;
			have_mode = 1;
		} else {
			snprintf(err, errlen, "unexpected `%s`", tok);
			return -1;
		}
	}
	if (!have_mode) {
		snprintf(err, errlen, "missing fault MODE");
		return -1;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		emu_fault_rule *nr = realloc(f->rules, cap * sizeof *nr);

		if (nr == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		f->rules = nr;
		f->cap = cap;
	}
	f->rules[f->n++] = r;
	return 0;
}

int emu_fault_load(emu_faults *f, const char *path, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	char line[512], e[256];
	int ln = 0;

	if (fp == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		char *s = line, *hash = strchr(line, '#');

		ln++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			snprintf(err, errlen, "%s:%d: line too long", path, ln);
			fclose(fp);
			return -1;
		}
		if (hash)
			*hash = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '\n' || *s == '\r')
			continue;
		if (emu_fault_add(f, s, 1, ln, e, sizeof e) != 0) {
			snprintf(err, errlen, "%s:%d: %s", path, ln, e);
			fclose(fp);
			return -1;
		}
	}
	fclose(fp);
	return 0;
}

int emu_fault_pick(emu_faults *f, const char *action, long *arg)
{
	int mode = EMU_F_NONE;
	size_t i;

	*arg = 0;
	for (i = 0; i < f->n; i++) {
		emu_fault_rule *r = &f->rules[i];
		int fire = 0;

		if (strcmp(r->action, "*") != 0 &&
		    (action == NULL || strcmp(r->action, action) != 0))
			continue;
		r->seen++;
		if (r->burst_left > 0) {
			r->burst_left--;
			fire = 1;
		} else if (r->seen > r->after &&
		           (r->count == 0 || r->fired < r->count)) {
			r->fired++;
			fire = 1;
			if (r->mode == EMU_F_THROTTLE)
				r->burst_left = r->arg - 1;
		}
		if (fire && mode == EMU_F_NONE) {
			mode = r->mode;
			*arg = r->arg;
		}
	}
	return mode;
}

void emu_faults_free(emu_faults *f)
{
	free(f->rules);
	memset(f, 0, sizeof *f);
}
