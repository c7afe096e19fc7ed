/* vitrine-worker-sandbox.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vitrine-worker-env.h"
#include "vitrine-worker-landlock.h"
#include "vitrine-worker-sandbox.h"

/* A sanitizer reserves terabytes of shadow memory, so an address-space limit would stop
 * it from starting its threads; and LeakSanitizer traces its own threads with ptrace and
 * symbolizes with a helper program. Sanitized builds keep those. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* What the kernel picks first when memory runs out: a worker before the display. */
#define OOM_SCORE_ADJ 1000

static void
set_limit (int     resource,
           guint64 value)
{
  struct rlimit limit = { (rlim_t) value, (rlim_t) value };

  if (setrlimit (resource, &limit) < 0)
    g_debug ("sandbox: setrlimit %d: %s", resource, g_strerror (errno));
}

/* No core files (they would hold decoded pictures), and a ceiling on the address space,
 * above what the role's largest allowed job needs (a 100-megapixel image). */
static void
apply_limits (VitrineSandbox      *sandbox,
              VitrineWorkerRoleId  role)
{
  struct rlimit limit = { 0, 0 };

  set_limit (RLIMIT_CORE, 0);
  sandbox->rlimit_core = getrlimit (RLIMIT_CORE, &limit) == 0 && limit.rlim_cur == 0;

  if (!SANITIZED)
    {
      /* glibc reserves 64 MiB of address space for each malloc arena, one per thread up
       * to eight per core: two arenas serve a worker's few busy threads and keep those
       * reservations well inside the limit on a machine with many cores. */
      mallopt (M_ARENA_MAX, 2);
      set_limit (RLIMIT_AS, role == VITRINE_WORKER_ROLE_IMAGE ? VITRINE_SANDBOX_IMAGE_AS
                                                             : VITRINE_SANDBOX_OTHER_AS);
      if (getrlimit (RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        sandbox->rlimit_as = limit.rlim_cur;
    }
}

static void
apply_oom_score (VitrineSandbox *sandbox)
{
  g_autofree char *value = g_strdup_printf ("%d", OOM_SCORE_ADJ);
  int fd = open ("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);

  if (fd >= 0 && write (fd, value, strlen (value)) == (ssize_t) strlen (value))
    sandbox->oom_score_adj = OOM_SCORE_ADJ;
  if (fd >= 0)
    close (fd);
}

static gboolean
deny (scmp_filter_ctx ctx,
      int             syscall_nr,
      int             error)
{
  /* A system call this architecture lacks is no reason to give up the rest. */
  if (syscall_nr < 0)
    return TRUE;
  return seccomp_rule_add (ctx, SCMP_ACT_ERRNO (error), syscall_nr, 0) == 0;
}

/*
 * socket() of the families a role may use: AF_UNIX for all (PipeWire, the D-Bus socket
 * pair); the feed role also IPv4, IPv6 and netlink (the resolver asks it for addresses).
 */
static gboolean
deny_socket_families (scmp_filter_ctx     ctx,
                      VitrineWorkerRoleId role)
{
  if (role != VITRINE_WORKER_ROLE_FEED)
    return seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EAFNOSUPPORT), SCMP_SYS (socket), 1,
                             SCMP_A0 (SCMP_CMP_NE, AF_UNIX)) == 0;

  for (int family = AF_UNIX + 1; family < AF_PACKET; family++)
    if (family != AF_INET && family != AF_INET6 && family != AF_NETLINK &&
        seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EAFNOSUPPORT), SCMP_SYS (socket), 1,
                          SCMP_A0 (SCMP_CMP_EQ, family)) < 0)
      return FALSE;
  return seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EAFNOSUPPORT), SCMP_SYS (socket), 1,
                           SCMP_A0 (SCMP_CMP_GE, AF_PACKET)) == 0;
}

/* New namespaces: clone() with any CLONE_NEW* flag. clone3() hides its flags in memory a
 * filter cannot read, so it says ENOSYS and the C library falls back to clone(). */
static gboolean
deny_namespaces (scmp_filter_ctx ctx)
{
  const guint64 flags[] = { CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
                            CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP };

  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    if (seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (clone), 1,
                          SCMP_A0_64 (SCMP_CMP_MASKED_EQ, flags[i], flags[i])) < 0)
      return FALSE;
  return deny (ctx, SCMP_SYS (clone3), ENOSYS) &&
         deny (ctx, SCMP_SYS (unshare), EPERM) &&
         deny (ctx, SCMP_SYS (setns), EPERM);
}

/*
 * A deny-list over "allow everything": what no role needs and an attacker would want —
 * other processes' memory, mounts, keyrings, BPF, performance counters, new programs,
 * new namespaces, io_uring (its requests bypass this filter), kernel modules — and the
 * socket families above. Loaded for every thread at once.
 */
static gboolean
apply_seccomp (VitrineWorkerRoleId role)
{
  static const int denied[] = {
    SCMP_SYS (process_vm_readv), SCMP_SYS (process_vm_writev),
    SCMP_SYS (mount), SCMP_SYS (umount2), SCMP_SYS (pivot_root), SCMP_SYS (move_mount),
    SCMP_SYS (open_tree), SCMP_SYS (fsopen), SCMP_SYS (fsmount), SCMP_SYS (fspick),
    SCMP_SYS (mount_setattr), SCMP_SYS (keyctl), SCMP_SYS (add_key), SCMP_SYS (request_key),
    SCMP_SYS (bpf), SCMP_SYS (perf_event_open), SCMP_SYS (userfaultfd),
    SCMP_SYS (io_uring_setup), SCMP_SYS (io_uring_enter), SCMP_SYS (io_uring_register),
    SCMP_SYS (init_module), SCMP_SYS (finit_module), SCMP_SYS (delete_module),
    SCMP_SYS (kexec_load), SCMP_SYS (kexec_file_load), SCMP_SYS (swapon), SCMP_SYS (swapoff),
    SCMP_SYS (reboot), SCMP_SYS (acct), SCMP_SYS (quotactl),
  };
  static const int denied_unsanitized[] = {
    SCMP_SYS (ptrace), SCMP_SYS (execve), SCMP_SYS (execveat),
  };
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  gboolean ok = ctx != NULL;

  if (ok)
    ok = seccomp_attr_set (ctx, SCMP_FLTATR_CTL_TSYNC, 1) == 0;
  for (gsize i = 0; ok && i < G_N_ELEMENTS (denied); i++)
    ok = deny (ctx, denied[i], EPERM);
  for (gsize i = 0; ok && !SANITIZED && i < G_N_ELEMENTS (denied_unsanitized); i++)
    ok = deny (ctx, denied_unsanitized[i], EPERM);
  ok = ok && deny_namespaces (ctx) && deny_socket_families (ctx, role);
  if (ok)
    ok = seccomp_load (ctx) == 0;
  else
    g_debug ("sandbox: cannot build the seccomp filter");
  if (ctx != NULL)
    seccomp_release (ctx);
  return ok;
}

/* Test only: what opening a TCP socket does now, for the process tests to check. */
static char *
probe_tcp (void)
{
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return g_strdup_printf ("denied: %s", g_strerror (errno));
  close (fd);
  return g_strdup ("allowed");
}

/* Threads of this process; Landlock covers only the calling one and those it starts later. */
static guint
count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/*
 * Applies every layer this kernel has, in the order they need: the environment, limits
 * and OOM score while everything is still allowed, then no_new_privs (which Landlock and
 * seccomp require of an unprivileged process), Landlock, and seccomp last. @sandbox says
 * what took effect; a layer that is missing or refused is left out and reported so, never
 * fatal. Call it before any thread exists (Landlock covers only the calling thread and
 * those it starts afterwards) and before any input is read.
 */
void
vitrine_sandbox_apply (VitrineSandbox            *sandbox,
                       VitrineWorkerRoleId        role,
                       const VitrineSandboxPaths *paths)
{
  guint threads;

  g_return_if_fail (sandbox != NULL);

  threads = count_threads ();
  if (threads > 1)
    g_warning ("sandbox: %u threads already run, and Landlock will not cover the others", threads);
  sandbox->env_dropped = vitrine_worker_env_trim_self (role);
  apply_limits (sandbox, role);
  apply_oom_score (sandbox);
  sandbox->no_new_privs = prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
  if (sandbox->no_new_privs)
    sandbox->landlock = vitrine_landlock_apply (sandbox, role, paths);
  else
    sandbox->landlock_abi = vitrine_landlock_abi ();
  sandbox->seccomp = sandbox->no_new_privs && apply_seccomp (role);
  if (g_getenv ("VITRINE_TEST_SANDBOX_PROBE") != NULL)
    sandbox->probe = probe_tcp ();

  g_debug ("sandbox: no_new_privs %d, seccomp %d, landlock ABI %d (%s), address space %" G_GUINT64_FORMAT,
           sandbox->no_new_privs, sandbox->seccomp, sandbox->landlock_abi,
           sandbox->landlock ? "enforced" : "not enforced", sandbox->rlimit_as);
}

/* The a{sv} of Hello's "sandbox" member. */
GVariant *
vitrine_sandbox_to_variant (const VitrineSandbox *sandbox)
{
  GVariantBuilder builder;

  g_return_val_if_fail (sandbox != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "no_new_privs", g_variant_new_boolean (sandbox->no_new_privs));
  g_variant_builder_add (&builder, "{sv}", "seccomp", g_variant_new_boolean (sandbox->seccomp));
  g_variant_builder_add (&builder, "{sv}", "landlock_abi", g_variant_new_int32 (sandbox->landlock_abi));
  g_variant_builder_add (&builder, "{sv}", "landlock", g_variant_new_boolean (sandbox->landlock));
  g_variant_builder_add (&builder, "{sv}", "landlock_tcp", g_variant_new_boolean (sandbox->landlock_tcp));
  g_variant_builder_add (&builder, "{sv}", "landlock_scoped", g_variant_new_boolean (sandbox->landlock_scoped));
  g_variant_builder_add (&builder, "{sv}", "rlimit_as", g_variant_new_uint64 (sandbox->rlimit_as));
  g_variant_builder_add (&builder, "{sv}", "rlimit_core", g_variant_new_boolean (sandbox->rlimit_core));
  g_variant_builder_add (&builder, "{sv}", "oom_score_adj", g_variant_new_int32 (sandbox->oom_score_adj));
  if (sandbox->probe != NULL)
    g_variant_builder_add (&builder, "{sv}", "probe_tcp", g_variant_new_string (sandbox->probe));
  return g_variant_builder_end (&builder);
}

void
vitrine_sandbox_clear (VitrineSandbox *sandbox)
{
  g_clear_pointer (&sandbox->probe, g_free);
}
