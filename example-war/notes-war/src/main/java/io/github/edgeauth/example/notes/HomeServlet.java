package io.github.edgeauth.example.notes;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The WAR's home page, {@code /notes/}: the session's notebook, rendered by a JSP. */
@WebServlet("")
public class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    private Notebook notebook;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute("notes", notebook.getNotes());
        request.setAttribute("files", notebook.getFiles());
        request.getRequestDispatcher("/WEB-INF/home.jsp").forward(request, response);
    }
}
