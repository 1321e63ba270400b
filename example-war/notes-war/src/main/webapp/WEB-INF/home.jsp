<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="root" value="${pageContext.request.contextPath}"/>
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Notes</title></head>
<body>
  <h1>Notes</h1>
  <%-- Who is signed in, as old code asks it: the servlet API, filled in by edgeauth's filter. --%>
  <p>Hello, <strong id="greeting"><c:out value="${pageContext.request.userPrincipal.name}"/></strong>.
    <c:if test="${pageContext.request.isUserInRole('admin')}"><a id="admin" href="${root}/admin/">Administration</a></c:if>
    <a id="about" href="${root}/about.jsp">About this page</a></p>

  <h2>Your notes</h2>
  <ul id="notes">
    <c:forEach items="${notes}" var="note"><li><c:out value="${note}"/></li></c:forEach>
  </ul>
  <form method="post" action="${root}/add">
    <input name="text" id="text" maxlength="500" required>
    <button id="save" type="submit">Save</button>
  </form>

  <h2>Your files</h2>
  <ul id="files">
    <c:forEach items="${files}" var="file" varStatus="at">
      <li><a href="${root}/files/${at.index}"><c:out value="${file.name()}"/></a> (${file.size()} bytes)</li>
    </c:forEach>
  </ul>
  <form method="post" action="${root}/files" enctype="multipart/form-data">
    <input type="file" name="file" id="file" required>
    <button id="upload" type="submit">Upload</button>
  </form>

  <%-- Signing out is the edge's: it ends the edge's session and this WAR's cookies. --%>
  <form method="post" action="/logout"><button id="sign-out" type="submit">Sign out</button></form>
</body>
</html>
