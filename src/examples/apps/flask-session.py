# A Flask session: the count lives in a cookie that Flask signs with the
# secret key (itsdangerous), so the client can read it but not change it.
# Open it in the preview and reload: the cookie jar sends the cookie back.
from flask import Flask, render_template, session

app = Flask(__name__)
app.secret_key = "change me: any secret string"


@app.route("/")
def count():
    session["visits"] = session.get("visits", 0) + 1
    return render_template("count.html", visits=session["visits"])


if __name__ == "__main__":
    app.run(port=5000)
