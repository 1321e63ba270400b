package io.github.edgeauth.example.notes;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Saves a note from the home page's form, then redirects to the home page (redirect after post). */
@WebServlet("/add")
public class NoteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LENGTH = 500;

    @Inject
    private Notebook notebook;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        String text = request.getParameter("text");
        if (text != null && !text.isBlank()) {
            notebook.add(text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text);
        }
        // As old code does it: an absolute redirect the server builds from the request (the edge makes it its own).
        response.sendRedirect(request.getContextPath() + "/");
    }
}
