package io.github.edgeauth.it.secured;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

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
