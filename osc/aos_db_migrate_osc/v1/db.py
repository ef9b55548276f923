"""`openstack aos db migrate` and `openstack aos db list`.

Both run the aos-db-migrate binary: $AOS_DB_MIGRATE_BIN if set, else
/usr/bin/aos-db-migrate. `migrate` passes the spec's flags through and lets
the binary write to the terminal itself (same output, same exit status);
`list` asks the binary for `--migrations -f json` and shows one row per
migration of each module.

OpenStackClient's own parser takes `-v`/`--verbose` (and `-q`) wherever they
appear, even after the command name, and counts them in
app.options.verbose_level (1 by default). The spec's `-v` is therefore read
from there: verbose_level > 1 means `-v` was given. (plugin.py keeps
OpenStackClient's own INFO lines off the console for a single -v.)
"""

import json
import os
import subprocess
import sys

from cliff import command
from cliff import lister

DEFAULT_BINARY = '/usr/bin/aos-db-migrate'
BINARY_ENV = 'AOS_DB_MIGRATE_BIN'

# The binary's "usage or configuration error: nothing was run" status.
EXIT_USAGE = 2

EXIT_STATUS_EPILOG = (
    'Exit status: 0 every module OK, 1 some module FAIL, 2 usage or '
    'configuration error (nothing was run). The command is run by the '
    'aos-db-migrate binary ($%s, default %s).' % (BINARY_ENV, DEFAULT_BINARY))


def binary_path():
    return os.environ.get(BINARY_ENV) or DEFAULT_BINARY


def spec_verbose(app, parsed_args):
    """Whether the spec's -v was given (see the module's docstring)."""
    if getattr(parsed_args, 'verbose', False):
        return True  # interactive mode: the command's own parser saw it
    options = getattr(app, 'options', None)
    return getattr(options, 'verbose_level', 1) > 1


def exit_status(returncode):
    """A child killed by signal N exits the way a shell reports it."""
    return 128 - returncode if returncode < 0 else returncode


def add_names(argv, names):
    if names:
        argv.append('-n')
        for name in names:
            # "-n a,b" is taken as "-n a b" (the binary's --names=a,b form).
            argv.extend(n for n in name.split(',') if n)


class _BinaryFailed(Exception):
    def __init__(self, status):
        super(_BinaryFailed, self).__init__(status)
        self.status = status


def _flush(app):
    for stream in (getattr(app, 'stdout', None), getattr(app, 'stderr', None),
                   sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _missing_binary(app, path, err):
    app.stderr.write('openstack aos db: cannot run %s: %s (install '
                     'aos-db-migrate, or set %s)\n'
                     % (path, err.strerror or err, BINARY_ENV))
    return EXIT_USAGE


class Migrate(command.Command):
    """Bring the databases of the AccentOS modules to their latest schema
    version, or one module to a given version (upgrade or rollback)."""

    auth_required = False

    def get_parser(self, prog_name):
        parser = super(Migrate, self).get_parser(prog_name)
        parser.epilog = EXIT_STATUS_EPILOG
        parser.add_argument(
            '-l', '--list', action='store_true',
            help='Lists all modules supported migration databases.')
        parser.add_argument(
            '-n', '--names', metavar='MODULE_NAMES', nargs='+',
            action='extend', default=[],
            help='Outputting the result for specific modules, names '
                 'separated by spaces.')
        parser.add_argument(
            '--migration', metavar='MIGRATION_VERSION',
            help='Migrate the one module named with -n to this version '
                 '(upgrade or rollback; 0 = before its first migration).')
        # OpenStackClient's global -v/--verbose takes it first (see the
        # module's docstring); declared here for --help and interactive mode.
        parser.add_argument(
            '-v', '--verbose', action='store_true',
            help='Show the detailed error of a failed module.')
        parser.add_argument(
            '--config', metavar='PATH',
            help='Configuration file (default /etc/aos/db-migrate.conf).')
        parser.add_argument(
            '--plugin-dir', metavar='PATH',
            help="Directory of module plugins (overrides the config's "
                 'plugin_dir).')
        parser.add_argument(
            '--mark-version', metavar='N',
            help='Repair: record version N for the one module named with '
                 '-n, applying nothing.')
        parser.add_argument(
            '--force', action='store_true',
            help='With --mark-version: record the version even though a step '
                 'was left interrupted or failed part-way.')
        parser.add_argument(
            '--resume', action='store_true',
            help='Go on with a step left part-way when the config sets '
                 'auto_resume = false.')
        parser.add_argument(
            '--allow-blocking', action='store_true',
            help='Run a step whose DDL would block writes (or a Galera '
                 'cluster) on a big table, which is otherwise refused: '
                 'for a maintenance window.')
        parser.add_argument(
            '--online', action='store_true',
            help='Run each ALTER TABLE that would be refused as blocking '
                 'through pt-online-schema-change instead.')
        # Issue 27: the archive of dropped values.
        parser.add_argument(
            '--no-archive', action='store_true',
            help='Run a step that drops columns or tables without keeping '
                 'their values first (and a rollback without giving kept '
                 'values back): the loss is accepted.')
        parser.add_argument(
            '--purge-archives', action='store_true',
            help='Remove every kept archive of dropped values of the '
                 'modules run now.')
        # Issue 29: drift.
        parser.add_argument(
            '--on-drift', metavar='{warn,refuse,ignore}',
            help="What a run does when a module's live schema differs from "
                 'what its recorded version should have (overrides the '
                 "config's on_drift, default warn).")
        parser.add_argument(
            '--accept-drift', action='store_true',
            help='Record the present differences of the modules named with '
                 '-n as accepted: not reported as drift again until they '
                 'change. Applies nothing.')
        parser.add_argument(
            '--expand', action='store_true',
            help='Rolling upgrade, first part: only the pending expand and '
                 'migrate steps, safe while other controllers still run the '
                 'previous release.')
        parser.add_argument(
            '--contract', action='store_true',
            help='Rolling upgrade, last part: everything pending, refused '
                 'while a controller still runs an older release.')
        parser.add_argument(
            '--check', action='store_true',
            help='Apply nothing; exit as Keystone\'s db_sync --check: 2 '
                 'while an expand step is pending (or a module is not '
                 'installed), else 3 migrate, else 4 contract, 0 current, '
                 '1 error; several modules: the lowest non-zero code.')
        parser.add_argument(
            '--forget-controller', metavar='HOST',
            help='Remove a decommissioned controller from the registries.')
        parser.add_argument(
            '--lock-timeout', metavar='SECONDS',
            help="How long to wait for another run that holds a module's "
                 'lock (default 300).')
        parser.add_argument(
            '--workers', metavar='N',
            help='Modules migrated at the same time (default 4).')
        parser.add_argument(
            '--status', action='store_true',
            help='Per module: current and latest version, pending steps and '
                 'any interrupted step. Applies nothing.')
        parser.add_argument(
            '--dry-run', action='store_true',
            help='The statements that would run, per module and step, in '
                 'order. Applies nothing.')
        parser.add_argument(
            '-f', '--format', choices=['table', 'json', 'value'],
            help='Output format (default table, the spec\'s).')
        return parser

    def binary_argv(self, parsed_args):
        """The aos-db-migrate command line for these arguments."""
        argv = [binary_path()]
        if parsed_args.list:
            argv.append('--list')
        add_names(argv, parsed_args.names)
        # Values are passed as given: the binary checks them and says what
        # is wrong exactly as it does when run directly.
        for flag, value in (('--migration', parsed_args.migration),
                            ('--config', parsed_args.config),
                            ('--plugin-dir', parsed_args.plugin_dir),
                            ('--mark-version', parsed_args.mark_version),
                            ('--lock-timeout', parsed_args.lock_timeout),
                            ('--workers', parsed_args.workers),
                            ('--on-drift', parsed_args.on_drift),  # 29
                            ('--forget-controller',
                             parsed_args.forget_controller)):
            if value is not None:
                argv.extend([flag, value])
        if spec_verbose(self.app, parsed_args):
            argv.append('--verbose')
        if parsed_args.force:
            argv.append('--force')
        if parsed_args.resume:
            argv.append('--resume')
        if parsed_args.allow_blocking:
            argv.append('--allow-blocking')
        if parsed_args.online:
            argv.append('--online')
        if parsed_args.no_archive:  # issue 27
            argv.append('--no-archive')
        if parsed_args.purge_archives:
            argv.append('--purge-archives')
        if parsed_args.accept_drift:  # issue 29
            argv.append('--accept-drift')
        for flag, on in (('--expand', parsed_args.expand),
                         ('--contract', parsed_args.contract),
                         ('--check', parsed_args.check)):
            if on:
                argv.append(flag)
        if parsed_args.status:
            argv.append('--status')
        if parsed_args.dry_run:
            argv.append('--dry-run')
        if parsed_args.format is not None:
            argv.extend(['--format', parsed_args.format])
        return argv

    def take_action(self, parsed_args):
        argv = self.binary_argv(parsed_args)
        _flush(self.app)
        # The binary inherits our stdout and stderr: its output reaches the
        # terminal (or pipe) unchanged and as it is written.
        try:
            returncode = subprocess.call(argv)
        except OSError as err:
            return _missing_binary(self.app, argv[0], err)
        return exit_status(returncode)


class List(lister.Lister):
    """List every migration of the AccentOS modules, and whether it is
    applied to the module's database."""

    auth_required = False

    COLUMNS = ('Module', 'Version', 'Description', 'Applied', 'Current')

    def __init__(self, app, app_args, cmd_name=None):
        super(List, self).__init__(app, app_args, cmd_name=cmd_name)
        self._status = 0

    def get_parser(self, prog_name):
        parser = super(List, self).get_parser(prog_name)
        parser.epilog = (
            'One row per migration of each module; Current is True on the '
            "row of the database's current version. A module whose database "
            'could not be read has one row, its error in Description, and '
            'the command exits 1. ' + EXIT_STATUS_EPILOG)
        parser.add_argument(
            '-n', '--names', metavar='MODULE_NAMES', nargs='+',
            action='extend', default=[],
            help='Only these modules, names separated by spaces.')
        parser.add_argument(
            '--config', metavar='PATH',
            help='Configuration file (default /etc/aos/db-migrate.conf).')
        parser.add_argument(
            '--plugin-dir', metavar='PATH',
            help="Directory of module plugins (overrides the config's "
                 'plugin_dir).')
        return parser

    def binary_argv(self, parsed_args):
        argv = [binary_path(), '--migrations', '-f', 'json']
        add_names(argv, parsed_args.names)
        if parsed_args.config is not None:
            argv.extend(['--config', parsed_args.config])
        if parsed_args.plugin_dir is not None:
            argv.extend(['--plugin-dir', parsed_args.plugin_dir])
        if spec_verbose(self.app, parsed_args):
            argv.append('--verbose')  # the detailed error in the error rows
        return argv

    def run(self, parsed_args):
        try:
            status = super(List, self).run(parsed_args)
        except _BinaryFailed as failed:
            return failed.status
        return self._status or status

    def take_action(self, parsed_args):
        argv = self.binary_argv(parsed_args)
        _flush(self.app)
        # stderr is the binary's (warnings, usage errors); stdout is JSON.
        try:
            proc = subprocess.run(argv, stdout=subprocess.PIPE)
        except OSError as err:
            raise _BinaryFailed(_missing_binary(self.app, argv[0], err))
        self._status = exit_status(proc.returncode)
        try:
            report = json.loads(proc.stdout.decode('utf-8'))
            modules = report['modules']
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            if self._status != 0:
                # A usage or configuration error: the binary said why on
                # stderr; there is nothing to show.
                raise _BinaryFailed(self._status)
            self.app.stderr.write(
                'openstack aos db list: %s --migrations -f json printed no '
                'report of modules (is aos-db-migrate older than this '
                'plugin?)\n' % argv[0])
            raise _BinaryFailed(1)
        return self.COLUMNS, list(self.rows(modules))

    @staticmethod
    def rows(modules):
        for module in modules:
            module_id = module.get('id')
            current = module.get('current')
            error = module.get('error')
            if error is not None:
                yield (module_id, '', error, '', '')
                continue
            for step in module.get('migrations') or []:
                version = step.get('version')
                yield (module_id, version, step.get('description'),
                       bool(step.get('applied')),
                       current is not None and version == current)
