import './style.css';

document.querySelector('#app').textContent = 'hello';
