#!/bin/sh
# Every recorded example request of the 58 actions (test/data/examples)
# through `tcas --cli-input-json` against tcas-emu. Example-backed actions
# answer their recorded output; the modelled ones answer from state, where
# the example's IDs may not exist: then the answer is a ResourceNotFound /
# ResourceUnavailable / InvalidParameterValue error of the service, never
# an authentication, parameter-shape or transport failure.
. test/e2e/lib.sh

start_emu --rate 0
total=0; okc=0; actions=""
while read -r action n http req rest; do
	total=$((total+1))
	run "$TCAS" --endpoint "$HEP" "$action" --cli-input-json "test/data/examples/$req"
	case "$rc:$err" in
	0:*) okc=$((okc+1)); expect_in "$action.$n answers" '"RequestId"' "$out" ;;
	1:*"API error ResourceNotFound"*|1:*"API error ResourceUnavailable"*|1:*"API error InvalidParameterValue"*|1:*"API error LimitExceeded"*|1:*"API error FailedOperation"*)
		ok "$action.$n answers a state error: $(printf '%s' "$err" | sed 's/.*API error \([^:]*\):.*/\1/')" ;;
	*) bad "$action.$n: exit $rc" "$err" ;;
	esac
	case " $actions " in *" $action "*) ;; *) actions="$actions $action" ;; esac
done <test/data/examples/INDEX
n=$(echo $actions | wc -w)
[ "$total" = 83 ] && ok "83 examples" || bad "$total examples"
[ "$n" = 58 ] && ok "58 actions" || bad "$n actions"
# (ScaleOut/ScaleInInstances are modelled: their examples' group is unknown)
[ "$okc" -ge 68 ] && ok "$okc examples succeed outright" || bad "only $okc examples succeed"

# The same over TLS for the six refresh actions (one connection each).
for a in DescribeRefreshActivities StartInstanceRefresh StopInstanceRefresh \
  ResumeInstanceRefresh CancelInstanceRefresh RollbackInstanceRefresh; do
	run "$TCAS" --endpoint "$EP" --ca-file "$CA" "$a" --cli-input-json "test/data/examples/$a.1.req.json"
	case "$rc" in 0|1) ok "$a over TLS (exit $rc)";; *) bad "$a over TLS: exit $rc" "$err";; esac
done
finish
