"""Commands of the `openstack.aos.v1` group."""
