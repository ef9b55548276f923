"""The OpenStackClient plugin module of `openstack aos ...`.

Registered under the `openstack.cli.extension` entry point group as `aos`;
OpenStackClient then loads the commands of the group `openstack.aos.v1`
(API_NAME and DEFAULT_API_VERSION below). The commands need no Keystone
session and no service endpoint: they run the local aos-db-migrate binary.
"""

import logging
import sys

API_NAME = 'aos'
API_VERSION_OPTION = 'os_aos_api_version'
API_VERSIONS = {'1': 'aos_db_migrate_osc.plugin.Client'}
DEFAULT_API_VERSION = '1'


class Client(object):
    """What `client_manager.aos` is: there is no remote API to talk to."""

    api_version = DEFAULT_API_VERSION


def make_client(instance):
    """The client of this plugin (nothing to connect to)."""
    return Client()


def build_option_parser(parser):
    """No global options: `--os-aos-api-version` would only ever be 1."""
    return parser


# The spec's `-v` of `openstack aos db migrate` is OpenStackClient's own
# global -v (verbose_level 2), which also turns on its INFO lines on the
# console ("START with options: ...", "command: ...", "END return value").
# For `openstack aos db ...` with a single -v those lines are kept off the
# console, so that -v shows what the spec means: the detailed error of a
# failed module. -vv, --debug and --log-file still get them. This module is
# imported when `openstack` starts, before it logs anything.

_CHATTY_LOGGERS = ('osc_lib', 'openstackclient', 'cliff')


def _runs_aos_db(argv):
    return any(argv[i:i + 2] == ['aos', 'db'] for i in range(len(argv)))


class _ConsoleInfoFilter(logging.Filter):
    """On the console handler: drops OpenStackClient's INFO records while
    the handler shows INFO but not DEBUG (that is, verbose_level 2)."""

    def __init__(self, handler):
        super(_ConsoleInfoFilter, self).__init__()
        self._handler = handler

    def filter(self, record):
        return not (self._handler.level == logging.INFO and
                    record.levelno == logging.INFO and
                    record.name.split('.')[0] in _CHATTY_LOGGERS)


class _InstallConsoleFilter(logging.Filter):
    """On OpenStackClient's loggers: the console handler does not exist yet
    when this module is imported, so the first record puts the filter on
    it (before that record reaches the handlers)."""

    def filter(self, record):
        for handler in logging.getLogger().handlers:
            if (type(handler) is logging.StreamHandler and
                    not any(isinstance(f, _ConsoleInfoFilter)
                            for f in handler.filters)):
                handler.addFilter(_ConsoleInfoFilter(handler))
        return True


if _runs_aos_db(sys.argv[1:]):
    for _name in ('osc_lib.shell', 'openstackclient.shell'):
        logging.getLogger(_name).addFilter(_InstallConsoleFilter())
