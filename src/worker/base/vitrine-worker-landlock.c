/* vitrine-worker-landlock.c: which files a worker may still open, and whether it may use
 * TCP, enforced by the kernel's Landlock LSM.
 *
 * Debian 12's headers know Landlock up to ABI 2, while the kernels it runs on range from
 * none at all to ABI 7, so the later rights and the ruleset's later members are defined
 * here, and the ruleset handles exactly what the running kernel's ABI has. A domain covers
 * the thread that enforces it and the threads it creates later, so this runs before the
 * worker starts any thread.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vitrine-worker-landlock.h"

#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#define NET_BIND_TCP (1ULL << 0)
#define NET_CONNECT_TCP (1ULL << 1)
#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define SCOPE_SIGNAL (1ULL << 1)
#define RULE_PATH_BENEATH 1

/* struct landlock_ruleset_attr as of ABI 6; the kernel takes a prefix of it. */
typedef struct
{
  guint64 handled_access_fs;
  guint64 handled_access_net;
  guint64 scoped;
} RulesetAttr;

typedef struct __attribute__((packed))
{
  guint64 allowed_access;
  gint32  parent_fd;
} PathBeneathAttr;

/* Data: photo folders, an input file, configuration. Code also maps libraries and loaders
 * executable (seccomp denies execve either way). */
#define FS_READ_DATA (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_READ (FS_READ_DATA | LANDLOCK_ACCESS_FS_EXECUTE)
#define FS_FILE_ONLY (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
                      LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | \
                      LANDLOCK_ACCESS_FS_IOCTL_DEV)
#define FS_WRITE (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | \
                  LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_DIR | \
                  LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_TRUNCATE)

typedef struct
{
  int     ruleset_fd;
  guint64 handled;
} Rules;

/* The running kernel's Landlock ABI; 0 when it has none or has it switched off. */
int
vitrine_landlock_abi (void)
{
  long abi = syscall (SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);

  return abi > 0 ? (int) abi : 0;
}

/* The file-system rights ABI @abi knows: 13 in ABI 1, then one more in 2, 3 and 5. */
static guint64
handled_fs (int abi)
{
  guint64 handled = (1ULL << 13) - 1;

  if (abi >= 2)
    handled |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3)
    handled |= LANDLOCK_ACCESS_FS_TRUNCATE;
  if (abi >= 5)
    handled |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
  return handled;
}

/* Lets the sandbox do @access beneath @path. A path that does not exist is no error: a
 * folder that is not there cannot be read anyway. */
static void
allow (Rules      *rules,
       const char *path,
       guint64     access)
{
  PathBeneathAttr attr = { 0 };
  struct stat st;
  int fd;

  if (path == NULL || *path == '\0')
    return;
  fd = open (path, O_PATH | O_CLOEXEC);
  if (fd < 0)
    return;
  /* Only the rights of files apply to a file; directory rights on one are an error. */
  if (fstat (fd, &st) == 0 && !S_ISDIR (st.st_mode))
    access &= FS_FILE_ONLY;
  attr.allowed_access = access & rules->handled;
  attr.parent_fd = fd;
  if (attr.allowed_access != 0 &&
      syscall (SYS_landlock_add_rule, rules->ruleset_fd, RULE_PATH_BENEATH, &attr, 0) < 0)
    g_debug ("landlock: cannot allow %s: %s", path, g_strerror (errno));
  close (fd);
}

static void
allow_list (Rules      *rules,
            const char *list,
            guint64     access)
{
  g_auto(GStrv) paths = list != NULL ? g_strsplit (list, G_SEARCHPATH_SEPARATOR_S, -1) : NULL;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    allow (rules, paths[i], access);
}

/*
 * What every role reads: the system's libraries, loaders and their caches, fonts and
 * configuration, the MIME database, this process's own /proc entries and the CPU count;
 * /dev/null for writing.
 */
static void
allow_system (Rules *rules)
{
  static const char *const system_dirs[] = {
    "/usr", "/lib", "/lib64", "/lib32", "/libx32", "/etc", "/proc/self",
    "/sys/devices/system/cpu", "/dev/urandom",
  };
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (system_dirs); i++)
    allow (rules, system_dirs[i], FS_READ);
  allow (rules, exe, FS_READ);
  allow (rules, "/dev/null", LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE |
                             LANDLOCK_ACCESS_FS_TRUNCATE);
  allow_list (rules, g_getenv ("XDG_DATA_DIRS"), FS_READ);
  allow_list (rules, g_getenv ("XDG_CONFIG_DIRS"), FS_READ);
  allow (rules, g_getenv ("GDK_PIXBUF_MODULEDIR"), FS_READ);
  allow (rules, g_getenv ("GDK_PIXBUF_MODULE_FILE"), FS_READ);
}

/* A folder made first (so a rule can name it), then allowed @access beneath. */
static void
allow_made (Rules      *rules,
            const char *dir,
            guint64     access)
{
  g_mkdir_with_parents (dir, 0700);
  allow (rules, dir, access);
}

/*
 * Its own folders: every role writes its state folder (the poison list). The feed role
 * writes the cache folder (libsoup's HTTP cache in http/, the mirror in feeds/,
 * weather.json) but for the audio role's tracks/ (per-track summaries); the image role
 * reads the mirror, which it decodes like photos, and reads and writes images/ (its disk
 * cache of prescaled images); the transition role has no business there.
 */
static void
allow_own_dirs (Rules               *rules,
                VitrineWorkerRoleId  role)
{
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "vitrine", NULL);
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "vitrine", NULL);
  g_autofree char *mirror = g_build_filename (cache, "feeds", NULL);
  g_autofree char *tracks = g_build_filename (cache, "tracks", NULL);
  g_autofree char *images = g_build_filename (cache, "images", NULL);

  allow_made (rules, state, FS_READ_DATA | FS_WRITE);
  if (role == VITRINE_WORKER_ROLE_FEED)
    allow_made (rules, cache, FS_READ_DATA | FS_WRITE);
  else if (role == VITRINE_WORKER_ROLE_IMAGE)
    {
      allow_made (rules, mirror, FS_READ_DATA);
      allow_made (rules, images, FS_READ_DATA | FS_WRITE);
    }
  else if (role == VITRINE_WORKER_ROLE_AUDIO)
    allow_made (rules, tracks, FS_READ_DATA | FS_WRITE);
}

/* PipeWire's client configuration; its socket needs no rule (Landlock does not restrict
 * connecting to a named socket). */
static void
allow_audio (Rules *rules)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "pipewire", NULL);

  allow (rules, config, FS_READ_DATA);
  allow (rules, g_getenv ("PIPEWIRE_CONFIG_DIR"), FS_READ_DATA);
  allow (rules, g_getenv ("SPA_PLUGIN_DIR"), FS_READ);
  allow (rules, g_getenv ("PIPEWIRE_MODULE_DIR"), FS_READ);
}

/* The ruleset for @abi: every role but feed loses TCP (ABI 4), and every role is scoped
 * (ABI 6) so it can neither reach an abstract socket nor signal a process outside. */
static int
create_ruleset (VitrineSandbox      *sandbox,
                VitrineWorkerRoleId  role,
                int                  abi,
                guint64             *handled)
{
  RulesetAttr attr = { 0 };
  gsize size = sizeof attr.handled_access_fs;
  int fd;

  attr.handled_access_fs = *handled = handled_fs (abi);
  if (abi >= 4 && role != VITRINE_WORKER_ROLE_FEED)
    {
      attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
      size = G_STRUCT_OFFSET (RulesetAttr, scoped);
    }
  if (abi >= 6)
    {
      attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL;
      size = sizeof attr;
    }
  fd = (int) syscall (SYS_landlock_create_ruleset, &attr, size, 0);
  if (fd >= 0)
    {
      sandbox->landlock_tcp = attr.handled_access_net != 0;
      sandbox->landlock_scoped = attr.scoped != 0;
    }
  return fd;
}

/*
 * Restricts this process (and the threads it starts later) to what @role needs: the
 * system read-only, its own folders and @paths' writable folder read-write, @paths'
 * read-only list read-only. Needs no_new_privs. FALSE when the kernel has no Landlock
 * or refused the ruleset.
 */
gboolean
vitrine_landlock_apply (VitrineSandbox            *sandbox,
                        VitrineWorkerRoleId        role,
                        const VitrineSandboxPaths *paths)
{
  Rules rules = { -1, 0 };
  gboolean applied;

  sandbox->landlock_abi = vitrine_landlock_abi ();
  if (sandbox->landlock_abi == 0)
    return FALSE;

  rules.ruleset_fd = create_ruleset (sandbox, role, sandbox->landlock_abi, &rules.handled);
  if (rules.ruleset_fd < 0)
    {
      g_debug ("landlock: no ruleset: %s", g_strerror (errno));
      sandbox->landlock_tcp = sandbox->landlock_scoped = FALSE;
      return FALSE;
    }

  allow_system (&rules);
  allow_own_dirs (&rules, role);
  if (role == VITRINE_WORKER_ROLE_AUDIO)
    allow_audio (&rules);
  for (guint i = 0; paths != NULL && paths->read_only != NULL && paths->read_only[i] != NULL; i++)
    allow (&rules, paths->read_only[i], FS_READ_DATA);
  if (paths != NULL)
    allow (&rules, paths->writable, FS_READ_DATA | FS_WRITE);

  applied = syscall (SYS_landlock_restrict_self, rules.ruleset_fd, 0) == 0;
  if (!applied)
    {
      g_debug ("landlock: not enforced: %s", g_strerror (errno));
      sandbox->landlock_tcp = sandbox->landlock_scoped = FALSE;
    }
  close (rules.ruleset_fd);
  return applied;
}
