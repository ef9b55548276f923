"""`openstack aos db ...`: the python-openstackclient plugin of aos-db-migrate.

The commands run the aos-db-migrate binary (see README.md, "The openstack
command"); nothing here talks to a database or to an OpenStack API.
"""

__version__ = '1.0.0'
