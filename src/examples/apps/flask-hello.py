# Flask's hello world, with a template from the project's templates/ folder.
# app.run() starts Werkzeug's development server, which answers here too (over
# a socket in memory); what it prints is in the errors log.
from flask import Flask, render_template

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello from Flask!\n"


@app.route("/hello/<name>")
def hello(name):
    return render_template("hello.html", name=name)


if __name__ == "__main__":
    app.run(port=5000)
