from flask import Blueprint, jsonify

from chirp.feed import recent_posts

bp = Blueprint('api', __name__, url_prefix='/api')


@bp.route('/health')
def health():
    return jsonify(status='ok')


@bp.route('/posts')
def posts():
    return jsonify(posts=[
        {
            'id': row['id'],
            'author': row['username'],
            'body': row['body'],
            'likes': row['like_count'],
        }
        for row in recent_posts()
    ])
