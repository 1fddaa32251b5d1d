/*
 * cli.h - private interfaces of the tcas command-line tool (src/cli/).
 * Not installed; the library never includes it.
 */
#ifndef TCAS_CLI_H
#define TCAS_CLI_H

#include <stddef.h>

#include "tcas/actions.h"

/*
 * Build the JSON request body of action `a` from tccli-style arguments.
 * argv[0..argc) holds only the action's parameters, e.g.
 *   --MaxSize 3 --InstanceIds ins-1 ins-2
 *   --RefreshSettings '{"RollingUpdateSettings":{"BatchNumber":1}}'
 *   --cli-input-json params.json        (or - for stdin)
 *
 * Rules:
 *  - Parameter names match exactly (case-sensitive), as in tccli; each
 *    may be given once.
 *  - Scalars take exactly one value: integers are checked against
 *    int64/uint64 and written as JSON numbers, floats must be JSON number
 *    text, booleans are "true" or "false", strings and date-times are
 *    copied as given (date-times are checked by tcas_params_validate()).
 *  - Lists take every following argument up to the next one that starts
 *    with "--", each converted as above; or one argument that is a JSON
 *    array text (starts with '['), e.g. '[]' for an empty list.
 *  - Objects and lists of objects take one argument of JSON text.
 *  - --cli-input-json FILE|- reads a JSON object of parameters (at most
 *    TCAS_REQ_BODY_MAX bytes) into a static buffer. Explicit parameters
 *    override members of the same name from the file (whole values, no
 *    deep merge); file members come first in the body, in file order.
 *  - The built body is parsed again and checked with
 *    tcas_params_validate(), so required parameters, nested members and
 *    date-times are checked in one place.
 * Not reentrant: uses static buffers for the file and the JSON tokens.
 *
 * On success writes the JSON object into body[0..cap) (NUL-terminated
 * when room is left), its length into *len, and returns TCAS_OK.
 * On failure writes one line (no newline) into msg[0..msgcap) and returns
 *  TCAS_E_PARAM          usage error: unknown/repeated parameter, bad
 *                        value, bad JSON text, missing required parameter,
 *                        unreadable or invalid --cli-input-json file.
 *  TCAS_E_REQ_TOO_LARGE  the body does not fit cap bytes, or the
 *                        --cli-input-json file exceeds TCAS_REQ_BODY_MAX.
 *  TCAS_E_ARG            a, body or len NULL.
 */
int tcas_cli_build_params(const tcas_action *a, int argc, char **argv,
                          char *body, size_t cap, size_t *len, char *msg,
                          size_t msgcap);

#endif /* TCAS_CLI_H */
