/*
 * one_call.c - the smallest firmware that makes one signed call, for the
 * footprint rows of `make size` (linked, never run): what an image links
 * for one tcas_client_call() (core.elf), or, built with ONE_CALL_TYPED=1,
 * for one tcas_as_resume_instance_refresh() and the parameter tables the
 * typed call validates against (typed.elf). Same board, lwIP, BearSSL and
 * production anchors as firmware.elf.
 */
#include "tcas/as.h"
#include "tcas/client.h"

#include "board.h"
#include "net.h"

#ifndef ONE_CALL_TYPED
#define ONE_CALL_TYPED 0
#endif

extern const br_x509_trust_anchor tcas_builtin_anchors[];
extern const size_t tcas_builtin_anchors_count;

static tcas_lwip_raw lw;
static tcas_port port;
static tcas_client client;
static tcas_result res;

int main(void)
{
	int err;

	if (board_net_up() != 0) {
		return 1;
	}
	board_tcas_port(&lw, &port);
	err = tcas_client_init(&client, &port);
	tcas_client_set_credentials(&client, "AKIDplaceholder",
	                            "placeholder-secret-key", NULL);
	tcas_client_set_region(&client, "ap-guangzhou");
	tcas_client_set_trust(&client, tcas_builtin_anchors,
	                      tcas_builtin_anchors_count);
	if (err == TCAS_OK) {
#if ONE_CALL_TYPED
		static char strings[128];
		tcas_as_refresh_ref_req rq = {"asg-h7tgd87d", "asr-juhf6ytr",
		                              "RETRY"};
		tcas_as_id_resp rs;

		err = tcas_as_resume_instance_refresh(
		    &client, &rq, &rs, strings, sizeof strings, &res);
#else
		static const char params[] =
		    "{\"AutoScalingGroupId\":\"asg-h7tgd87d\","
		    "\"RefreshActivityId\":\"asr-juhf6ytr\","
		    "\"ResumeMode\":\"RETRY\"}";

		err = tcas_client_call(&client, "ResumeInstanceRefresh", params,
		                       sizeof params - 1, &res);
#endif
	}
	tcas_client_close(&client);
	return err == TCAS_OK ? 0 : 1;
}
