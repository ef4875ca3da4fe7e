-- Issue 11: a load balancer may listen on an address of its private network (an IPAM allocation of the network,
-- owner type lb, owner id = the load balancer) instead of the router's public address (vip null).
ALTER TABLE load_balancer ADD COLUMN vip VARCHAR(15) NULL;
