package io.github.edgeauth.it.javax.app;

import javax.annotation.Resource;
import javax.annotation.security.RolesAllowed;
import javax.ejb.SessionContext;
import javax.ejb.Stateless;

/** An old-style EJB guarded by {@code @RolesAllowed}: it only knows the caller through the container. */
@Stateless
public class AuditBean {

    @Resource
    SessionContext session;

    @RolesAllowed("ADMINISTRATOR")
    public String caller() {
        return session.getCallerPrincipal().getName() + " admin=" + session.isCallerInRole("ADMINISTRATOR");
    }
}
