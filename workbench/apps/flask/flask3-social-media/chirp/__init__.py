import os

from flask import Flask

from chirp.config import Config


def create_app(test_config=None):
    """Application factory: `flask --app chirp run`."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(Config)
    if app.config['DATABASE'] is None:
        app.config['DATABASE'] = os.path.join(app.instance_path, 'chirp.sqlite')
    if test_config is not None:
        app.config.update(test_config)

    os.makedirs(app.instance_path, exist_ok=True)

    from chirp import db
    db.init_app(app)

    from chirp import api, auth, feed
    app.register_blueprint(auth.bp)
    app.register_blueprint(feed.bp)
    app.register_blueprint(api.bp)
    app.add_url_rule('/', endpoint='index')

    return app
