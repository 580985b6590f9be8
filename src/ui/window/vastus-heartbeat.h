/* vastus-heartbeat.h: how long the window's main loop was kept from answering, for tests
 *
 * The window must answer within a fraction of a second whatever the clinic server does (it is
 * stopped, unreachable, hung). With VASTUS_HEARTBEAT_LOG=PATH in the environment, a timer
 * beats every VASTUS_HEARTBEAT_INTERVAL_MS on the main context; PATH is emptied at the start,
 * and each stall of VASTUS_HEARTBEAT_REPORT_MS or more (the time between two beats, less the
 * interval) adds a line "stall-ms N at-ms T": N ms long, ended at T ms of the monotonic clock
 * (CLOCK_MONOTONIC, which Python's time.monotonic () reads too), so that a test can pick the
 * stalls of a stretch of time. Without the variable, nothing runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VASTUS_HEARTBEAT_INTERVAL_MS 10
#define VASTUS_HEARTBEAT_REPORT_MS   50

/* Starts the heartbeat on the thread-default main context when VASTUS_HEARTBEAT_LOG names a
 * file (a second call does nothing); TRUE when it runs. */
gboolean vastus_heartbeat_start_from_env (void);
/* The longest stall measured so far, in ms (0 when not running). */
guint    vastus_heartbeat_get_longest    (void);

G_END_DECLS
