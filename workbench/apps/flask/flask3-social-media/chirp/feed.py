from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from chirp.auth import login_required
from chirp.db import get_db

bp = Blueprint('feed', __name__)

POSTS_QUERY = (
    'SELECT p.id, p.body, p.created, p.author_id, u.username,'
    ' (SELECT COUNT(*) FROM likes l WHERE l.post_id = p.id) AS like_count'
    ' FROM posts p JOIN users u ON p.author_id = u.id'
)


def recent_posts(author_id=None):
    limit = current_app.config['POSTS_PER_PAGE']
    if author_id is None:
        return get_db().execute(POSTS_QUERY + ' ORDER BY p.id DESC LIMIT ?', (limit,)).fetchall()
    return get_db().execute(
        POSTS_QUERY + ' WHERE p.author_id = ? ORDER BY p.id DESC LIMIT ?', (author_id, limit)
    ).fetchall()


@bp.route('/')
def index():
    return render_template('feed/index.html', posts=recent_posts())


@bp.route('/post', methods=('GET', 'POST'))
@login_required
def create():
    if request.method == 'POST':
        body = request.form.get('body', '').strip()
        if not body:
            flash('A post cannot be empty.')
        elif len(body) > current_app.config['MAX_POST_LENGTH']:
            flash('Posts are limited to %d characters.' % current_app.config['MAX_POST_LENGTH'])
        else:
            db = get_db()
            db.execute('INSERT INTO posts (author_id, body) VALUES (?, ?)', (g.user['id'], body))
            db.commit()
            return redirect(url_for('feed.index'))
    return render_template('feed/create.html')


@bp.route('/post/<int:post_id>/like', methods=('POST',))
@login_required
def like(post_id):
    db = get_db()
    if db.execute('SELECT id FROM posts WHERE id = ?', (post_id,)).fetchone() is None:
        abort(404)
    db.execute('INSERT OR IGNORE INTO likes (user_id, post_id) VALUES (?, ?)', (g.user['id'], post_id))
    db.commit()
    return redirect(request.referrer or url_for('feed.index'))


@bp.route('/u/<username>')
def profile(username):
    user = get_db().execute('SELECT * FROM users WHERE username = ?', (username,)).fetchone()
    if user is None:
        abort(404)
    return render_template('feed/profile.html', profile=user, posts=recent_posts(user['id']))
